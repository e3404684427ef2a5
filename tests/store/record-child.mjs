// Child for the SIGKILL test: records a run through the compiled store, printing a line after each
// committed result, slowly enough that the parent can kill it mid-run.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const [, , storeModule, dbPath, eventsFile] = process.argv;
const { openStore, createRecorder } = await import(storeModule);
const { machine, events } = JSON.parse(readFileSync(eventsFile, 'utf8'));
const store = openStore(dbPath);
const record = createRecorder(store, machine, '0.1.0');
for (const event of events) {
  record(event);
  if (event.type === 'result') {
    process.stdout.write(`committed ${event.result.caseId} ${event.result.model}\n`);
    await sleep(150);
  }
}
process.stdout.write('finished\n');
