import {
  type CSSVariablesResolver,
  createTheme,
  DEFAULT_THEME,
  darken,
  luminance,
  type MantineColorsTuple,
} from '@mantine/core';

const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
};

/** The colour itself when it reads well enough on the background, else it darkened step by step until it does. */
function readable(color: string, background: string, ratio = 4.6): string {
  let out = color;
  for (let step = 0; step < 20 && contrast(out, background) < ratio; step++) out = darken(out, 0.06);
  return out;
}

/**
 * Mantine's palettes with shades 7 to 9 darkened where they would not read on white (4.5:1) or, for
 * shade 9, on shade 1 (a light badge): pages use these shades for coloured text ("green.8", "lime.9").
 */
const colors = Object.fromEntries(
  Object.entries(DEFAULT_THEME.colors).map(([name, shades]) => {
    if (name === 'dark' || name === 'gray') return [name, shades];
    const out = [...shades] as string[];
    out[7] = readable(shades[7], DEFAULT_THEME.white);
    out[8] = readable(shades[8], DEFAULT_THEME.white);
    out[9] = readable(readable(shades[9], DEFAULT_THEME.white), shades[1]);
    return [name, out as unknown as MantineColorsTuple];
  }),
);

/**
 * Touch-friendly by default (inputs and buttons of at least ~42px high) and readable for everyone
 * (WCAG 2.1 AA, 4.5:1 for text): the primary colour's shade 8 carries white text (Mantine's default
 * shade 6 gives 3.55:1); a filled colour carries black text where white would fall below 4.5:1
 * (autoContrast, with the luminance where the two meet); coloured text is darkened where needed (see
 * cssVariablesResolver), and "dimmed" text is gray 7 rather than gray 6 (3.32:1 on white).
 */
export const theme = createTheme({
  colors,
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  // White and black text have the same contrast, ~4.6:1, on a colour of this relative luminance.
  luminanceThreshold: 0.179,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
  components: {
    TextInput: { defaultProps: { size: 'md' } },
    PasswordInput: { defaultProps: { size: 'md' } },
    Select: { defaultProps: { size: 'md' } },
    NativeSelect: { defaultProps: { size: 'md' } },
    MultiSelect: { defaultProps: { size: 'md' } },
    Textarea: { defaultProps: { size: 'md' } },
    Button: { defaultProps: { size: 'md' } },
    // Closed dropdowns leave the page: otherwise a hidden listbox shares its field's label, and
    // "the field labelled Teams" would point at two elements.
    Combobox: { defaultProps: { keepMounted: false } },
  },
});

/** Grey text one shade darker than Mantine's (gray 6 on white is 3.32:1), and outline buttons' text readable. */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': t.colors.gray[7],
    '--mantine-color-placeholder': t.colors.gray[7],
  };
  for (const [name, shades] of Object.entries(t.colors)) {
    if (name !== 'dark' && name !== 'gray') light[`--mantine-color-${name}-outline`] = readable(shades[6], t.white);
  }
  return { variables: {}, light, dark: {} };
};
