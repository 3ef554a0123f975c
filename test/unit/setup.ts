// Dates in tests must not depend on the machine's zone.
process.env.TZ = 'UTC';

import fc from 'fast-check';

// Property tests are reproducible in `npm test` (CI): one fixed seed, unless FC_SEED says
// otherwise. `npm run reliability` explores with a new random seed each run (FC_SEED=random)
// and prints it with any counterexample, so a failure found there can be replayed here.
const seed = process.env.FC_SEED;
if (seed !== 'random') fc.configureGlobal({ seed: seed ? Number(seed) : 20261201 });
