declare module 'virtual:catalog-loaders' {
  /** The catalog parts besides the core. */
  export const parts: readonly string[];
  const loaders: Record<'nl' | 'en', Record<string, () => Promise<{ default: Record<string, unknown> }>>>;
  export default loaders;
}
