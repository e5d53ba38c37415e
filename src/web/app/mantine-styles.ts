// Mantine's whole stylesheet, loaded with the code of every page and part that draws Mantine's components
// (the router's page loader, the menu, modals, toasts): import it statically from a lazy chunk, or call
// loadMantineStyles (load-mantine-styles.ts). The first screen, the shell with the log screen, draws plain
// elements styled by light.css and does without these ~250 KB of CSS (see main.tsx).
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';

export const mantineStyles = true;
