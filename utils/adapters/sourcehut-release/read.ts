/** SourceHut release and tag pages; what is particular to SourceHut is data (forge.json). */
import { forgeReleaseAdapter, type ForgeData } from '../release/forge';
import data from './forge.json';

export const sourcehutRelease = forgeReleaseAdapter('sourcehut-release', data as ForgeData);
