/**
 * Element Plus components are registered one by one (renderer/src/element-plus.ts: the first screen's) or
 * imported by the component that uses them (so they load with that component's chunk); a template using an
 * <el-…> tag or v-loading that is neither would render nothing. This checks every template.
 */
import { describe, expect, it } from 'vitest';
import { ELEMENT_COMPONENTS } from '../../renderer/src/element-plus';

const sources = import.meta.glob('../../renderer/src/**/*.vue', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

const pascal = (tag: string): string => tag.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());

/** Names the file's script imports from element-plus (values, not `import type`). */
function localImports(source: string): Set<string> {
  const names = new Set<string>();
  for (const m of source.matchAll(/^import \{([^}]*)\} from 'element-plus';$/gm)) {
    for (const n of m[1]!.split(',')) if (n.trim()) names.add(n.trim());
  }
  return names;
}

describe('Element Plus registry', () => {
  it('every <el-…> tag a template uses is registered globally or imported by its file', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(10);
    const missing = new Set<string>();
    for (const [file, source] of Object.entries(sources)) {
      const local = localImports(source);
      for (const m of source.matchAll(/<(el-[a-z0-9-]+)/g)) {
        const name = pascal(m[1]!);
        if (!(name in ELEMENT_COMPONENTS) && !local.has(name)) missing.add(`${name} (${file.replace('../../', '')})`);
      }
      if (/\sv-loading\b/.test(source) && !local.has('vLoading')) missing.add(`vLoading (${file.replace('../../', '')})`);
    }
    expect([...missing]).toEqual([]);
  });

  it('the global set holds the first screen only: no dialogs, forms or date pickers at startup', () => {
    for (const heavy of ['ElDialog', 'ElTable', 'ElDatePicker', 'ElForm', 'ElUpload', 'ElTabs']) expect(ELEMENT_COMPONENTS).not.toHaveProperty(heavy);
  });
});
