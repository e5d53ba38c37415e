import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { themeCss } from './theme-css';

describe('the theme as CSS for the first screen', () => {
  it('is what MantineProvider writes for our theme (regenerate theme-variables.css when the theme changes)', () => {
    // npx tsx -e "import('./src/web/app/theme-css.ts').then(m => process.stdout.write(m.themeCss()))" > src/web/app/theme-variables.css
    // (Biome formats the file: compared without white space.)
    const bare = (css: string) => css.replace(/\s+/g, '');
    const file = readFileSync(path.join(import.meta.dirname, 'theme-variables.css'), 'utf8');
    expect(bare(file)).toBe(bare(themeCss()));
  });

  it('holds the readable shades and the darker grey text', () => {
    const css = themeCss();
    expect(css).toContain('--mantine-color-dimmed: #495057');
    expect(css).toContain('--mantine-color-blue-filled: var(--mantine-color-blue-8)');
    expect(css).toContain('--mantine-color-teal-8: rgba(8, 129, 92, 1)');
  });
});
