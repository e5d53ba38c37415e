import { type ComponentType, lazy } from 'react';

/**
 * A part drawn with Mantine's components, loaded when it is first drawn, with Mantine's provider and
 * stylesheet (mantine-root.tsx) around it: for the first screen (the shell and the log screen), which
 * draws plain elements and loads none of Mantine until such a part appears.
 */
// biome-ignore lint/suspicious/noExplicitAny: any component's props
export function lazyIsland<P extends Record<string, any>>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => {
    const [{ MantineRoot }, Part] = await Promise.all([import('./mantine-root'), load()]);
    return {
      default: (props: P) => (
        <MantineRoot>
          <Part {...props} />
        </MantineRoot>
      ),
    };
  });
}

/** Pages under a route of this element are drawn inside Mantine's provider. */
export const MantineOutlet = lazy(() => import('./mantine-root').then((m) => ({ default: m.MantineOutlet })));
