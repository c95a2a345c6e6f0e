// Child process for the kill -9 test: appends events forever, printing "ack <seq>" only after each
// append has resolved (i.e. after fsync). The parent kills it with SIGKILL at an arbitrary moment.
import { loadOrCreateStationKey, openTranscript } from '../../../../electron/core/transcript';

const [file, keyDir] = process.argv.slice(2) as [string, string];
const stationKey = await loadOrCreateStationKey(keyDir);
const transcript = await openTranscript(file, {
  station: 'offline',
  ceremonyId: 'kill-test',
  stationKey,
  operator: 'Alice',
  witnesses: ['Bob'],
  onTornTail: 'recover',
});
process.stdout.write(`ready ${transcript.head().events}\n`);
const filler = 'witness remarks '.repeat(400);
for (;;) {
  const appended = await transcript.append({ action: 'step.recorded', details: { note: filler } });
  process.stdout.write(`ack ${appended.seq}\n`);
}
