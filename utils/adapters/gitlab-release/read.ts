/** GitLab release and tag pages; what is particular to GitLab is data (forge.json). */
import { forgeReleaseAdapter, type ForgeData } from '../release/forge';
import data from './forge.json';

export const gitlabRelease = forgeReleaseAdapter('gitlab-release', data as ForgeData);
