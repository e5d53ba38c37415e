// Mantine's whole stylesheet, loaded with Mantine's provider (mantine-root.tsx) for every page and part
// that draws Mantine's components, and beside a page's code by the router (loadMantineStyles, so the
// page and its styles come together). The first screen, the shell with the log screen, draws plain
// elements styled by light.css and does without these ~250 KB of CSS (see main.tsx).
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';

export const mantineStyles = true;
