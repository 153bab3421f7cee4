export { slugify } from './${{ values.moduleName }}.js';
