/** A list a tab loads from the core: its data, whether it is loading, and the error message of the last load. */
import { ref, type Ref } from 'vue';
import { messageOf } from '../../../shared/error-message';

export function useLoader<T>(initial: T, fetch: () => Promise<T>) {
  const data = ref(initial) as Ref<T>;
  const error = ref<string | null>(null);
  const loading = ref(false);
  async function load(): Promise<void> {
    loading.value = true;
    try {
      data.value = await fetch();
      error.value = null;
    } catch (e) {
      error.value = messageOf(e);
    } finally {
      loading.value = false;
    }
  }
  return { data, error, loading, load };
}
