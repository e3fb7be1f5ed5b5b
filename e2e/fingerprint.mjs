// The fingerprint of a goal's wording in JavaScript, as
// docs/backend-contract.md ("Fingerprint of a goal's wording") defines it:
// the very implementation PocketBase's hooks use
// (server/pocketbase/pb_hooks/fingerprint.js), for the tests' fixtures.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const hooks = require('../server/pocketbase/pb_hooks/fingerprint.js');

/** The canonical text of a goal's `content`. */
export const canonical = hooks.canonical;
/** SHA-256 of the canonical text, 64 lowercase hex characters. */
export const fingerprint = hooks.fingerprint;
