import {
  convertCssVariables,
  DEFAULT_THEME,
  deepMerge,
  defaultCssVariablesResolver,
  mergeMantineTheme,
} from '@mantine/core';
import { cssVariablesResolver, theme } from './theme';

type Variables = ReturnType<typeof defaultCssVariablesResolver>;

const changed = (ours: Record<string, string>, base: Record<string, string>) =>
  Object.fromEntries(Object.entries(ours).filter(([name, value]) => base[name] !== value));

/**
 * The CSS variables our theme sets beyond Mantine's defaults, as MantineProvider writes them: for the
 * first screen, which draws without MantineProvider (theme-variables.css holds this text; a unit test
 * keeps the two the same).
 */
export function themeCss(): string {
  const merged = mergeMantineTheme(DEFAULT_THEME, theme);
  const base = defaultCssVariablesResolver(DEFAULT_THEME);
  const ours = deepMerge(defaultCssVariablesResolver(merged), cssVariablesResolver(merged)) as Variables;
  return `${convertCssVariables(
    {
      variables: changed(ours.variables, base.variables),
      light: changed(ours.light, base.light),
      dark: changed(ours.dark, base.dark),
    },
    ':root',
  )}\n`;
}
