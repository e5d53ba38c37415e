import { MantineContext, MantineProvider } from '@mantine/core';
import { type ReactNode, useContext } from 'react';
import { Outlet } from 'react-router';
import './mantine-styles';
import { cssVariablesResolver, theme } from './theme';

/**
 * Mantine's provider (our theme) with its whole stylesheet, around what draws Mantine's components: the
 * pages (MantineOutlet) and the lazy parts of the first screen (mantine-island.tsx). The first screen, the
 * shell with the log screen, draws plain elements without it. Inside another provider it adds nothing.
 */
export function MantineRoot({ children }: { children: ReactNode }) {
  if (useContext(MantineContext)) return <>{children}</>;
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      {children}
    </MantineProvider>
  );
}

/** The pages of a route group, inside Mantine's provider. */
export function MantineOutlet() {
  return (
    <MantineRoot>
      <Outlet />
    </MantineRoot>
  );
}
