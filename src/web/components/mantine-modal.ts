// Mantine's Modal alone, as its own module: the lazy import in modal.component.tsx then brings only the
// modal's code (focus trap, portal, scroll area), not the whole of @mantine/core.
export { Modal } from '@mantine/core';
