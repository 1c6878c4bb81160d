// Entry of the bundle bench/sync.ts runs as its measured process (see sync-child.ts): the input
// as JSON in argv[2], the result as JSON on stdout.
import { runSyncChild, type SyncChildInput } from './sync-child';

const input = JSON.parse(process.argv[2] ?? '{}') as SyncChildInput;
process.stdout.write(JSON.stringify(await runSyncChild(input)));
