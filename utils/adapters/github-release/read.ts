/** GitHub release and tag pages; what is particular to GitHub is data (forge.json). */
import { forgeReleaseAdapter, type ForgeData } from '../release/forge';
import data from './forge.json';

export const githubRelease = forgeReleaseAdapter('github-release', data as ForgeData);
