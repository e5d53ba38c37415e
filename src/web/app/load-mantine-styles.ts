/** Loads Mantine's whole stylesheet (once; see mantine-styles.ts): for a lazy part that draws Mantine components. */
export const loadMantineStyles = () => import('./mantine-styles').then(() => undefined);
