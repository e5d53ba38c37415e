import { useMediaQuery } from '@mantine/hooks';

/** Below Mantine's "sm" breakpoint (48em): phone layout (cards instead of tables, full-screen forms). */
export function useIsPhone(): boolean {
  return useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
}
