/**
 * Element Plus components are registered one by one (renderer/src/element-plus.ts) to keep the bundle small;
 * a template using an <el-…> tag that is not registered would render nothing. This checks every template.
 */
import { describe, expect, it } from 'vitest';
import { ELEMENT_COMPONENTS } from '../../renderer/src/element-plus';

const templates = import.meta.glob('../../renderer/src/**/*.vue', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

const pascal = (tag: string): string => tag.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());

describe('Element Plus registry', () => {
  it('registers every <el-…> component a template uses', () => {
    expect(Object.keys(templates).length).toBeGreaterThan(10);
    const missing = new Set<string>();
    for (const [file, source] of Object.entries(templates)) {
      for (const m of source.matchAll(/<(el-[a-z0-9-]+)/g)) {
        const name = pascal(m[1]!);
        if (!(name in ELEMENT_COMPONENTS)) missing.add(`${name} (${file.replace('../../', '')})`);
      }
    }
    expect([...missing]).toEqual([]);
  });
});
