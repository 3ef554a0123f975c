/** Any other page: the generic metadata and content, nothing more. Always last in the registry. */
import type { PageAdapter } from '../types';

export const page: PageAdapter = {
  id: 'page',
  kind: 'page',
  detect: () => true,
  read: () => ({}),
};
