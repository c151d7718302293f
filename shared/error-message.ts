/** The message of anything thrown: an Error's message, or the value as text. The one copy for the whole app. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
