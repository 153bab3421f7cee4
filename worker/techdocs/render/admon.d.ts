declare module 'markdown-it-admon' {
  import type { PluginSimple } from 'markdown-it';
  const admonition: PluginSimple;
  export default admonition;
}
