// Dates in tests must not depend on the machine's zone.
process.env.TZ = 'UTC';
