/**
 * The end of every run: `verify-transcript` on the transcript just written, with this station's key pinned
 * (and any other station keys the officers gave). A merged offline segment is signed by the offline
 * station's key, which this station may not have: then the segment is checked against the key it
 * publishes, this station's chain stays pinned, and the message says how to pin both.
 */
import { readFileSync } from 'node:fs';
import { buildCeremonyRecord, writeCeremonyRecord } from '../record';
import {
  verifyTranscript,
  type CheckedLines,
  type StationKey,
  type TranscriptVerification,
} from '../transcript';

export interface TranscriptCheck {
  intact: boolean;
  events: number;
  complete: boolean;
  /** What the verification pinned: every key, or this station's chain only. */
  pinned: 'all' | 'this-station';
  message: string;
  note: string | null;
}

export async function checkTranscript(
  file: string,
  stationKey: StationKey,
  otherStationKeys: string[],
  /** Lines already found good as the ceremony wrote them (their verdicts are reused). */
  checkedLines?: CheckedLines,
): Promise<{
  text: string;
  check: TranscriptCheck;
  /** The keys the check pinned (null: the station's own chain only), and its verdict, for writeRecord. */
  trustedKeys: string[] | null;
  verified: TranscriptVerification;
}> {
  const bytes = readFileSync(file); // the run waits for this check: no thread-pool round trips (load.ts)
  const text = bytes.toString('utf8');
  const trustedKeys = [stationKey.publicKeyPem, ...otherStationKeys];
  const pinnedAll = verifyTranscript(bytes, { trustedKeys, checkedLines });
  if (pinnedAll.intact) {
    return {
      text,
      trustedKeys,
      verified: pinnedAll,
      check: summary(pinnedAll.events, pinnedAll.complete, 'all', pinnedAll.message),
    };
  }
  if (pinnedAll.problem === 'segment' && otherStationKeys.length === 0) {
    const own = verifyTranscript(bytes, { checkedLines });
    if (own.intact && own.stationKeyId === stationKey.keyId) {
      return {
        text,
        trustedKeys: null,
        verified: own,
        check: summary(
          own.events,
          own.complete,
          'this-station',
          own.message,
          "this station's key pinned; the offline segment checked against the key it publishes (pin it too: verify-transcript --public-key <offline station .pub.pem>)",
        ),
      };
    }
  }
  return {
    text,
    trustedKeys,
    verified: pinnedAll,
    check: {
      intact: false,
      events: pinnedAll.intactEvents,
      complete: false,
      pinned: 'all',
      message: pinnedAll.message,
      note: null,
    },
  };
}

function summary(
  events: number,
  complete: boolean,
  pinned: TranscriptCheck['pinned'],
  message: string,
  note: string | null = null,
): TranscriptCheck {
  return { intact: true, events, complete, pinned, message, note };
}

/**
 * The human record (HTML, PDF, JSON) of a finished ceremony, pinned to the keys the check pinned; `checked`
 * is checkTranscript's answer for this transcript, whose verdict the record reuses instead of verifying again.
 */
export async function writeRecord(
  folder: string,
  checked: { text: string; trustedKeys: string[] | null; verified: TranscriptVerification },
) {
  const { text, trustedKeys, verified } = checked;
  return writeCeremonyRecord(
    folder,
    buildCeremonyRecord(text, { ...(trustedKeys ? { trustedKeys } : {}), verified }),
  );
}
