// Solves a challenge in Web Workers (one per core, up to four, splitting the nonces by stride);
// reports the attempts so far against the expected 2^bits for a progress bar.
import { useCallback, useEffect, useRef, useState } from "react";
import { kProgressEveryAttempts, type PowMessage } from "./proofOfWork";

const kWorkersMax = 4;

export interface PowState {
  solving: boolean;
  attempts: number;
  expectedAttempts: number;
}

export function useProofOfWork() {
  const [state, setState] = useState<PowState>({ solving: false, attempts: 0, expectedAttempts: 1 });
  const workersRef = useRef<Worker[]>([]);
  const stopAll = () => {
    for (const worker of workersRef.current) worker.terminate();
    workersRef.current = [];
  };
  useEffect(() => stopAll, []);

  const solve = useCallback((challenge: string, bits: number): Promise<string> => {
    stopAll();
    const count = Math.max(1, Math.min(navigator.hardwareConcurrency || 1, kWorkersMax));
    setState({ solving: true, attempts: 0, expectedAttempts: 2 ** bits });
    return new Promise((resolve, reject) => {
      for (let i = 0; i < count; i++) {
        const worker = new Worker(new URL("./pow.worker.ts", import.meta.url), { type: "module" });
        workersRef.current.push(worker);
        worker.onmessage = (event: MessageEvent<PowMessage>) => {
          if (event.data.kind === "solved") {
            stopAll();
            setState((s) => ({ ...s, solving: false }));
            resolve(event.data.nonce);
          } else {
            // Each worker reports every kProgressEveryAttempts of its own tries.
            setState((s) => ({ ...s, attempts: s.attempts + kProgressEveryAttempts }));
          }
        };
        worker.onerror = (error) => {
          stopAll();
          setState((s) => ({ ...s, solving: false }));
          reject(error);
        };
        worker.postMessage({ challenge, bits, first: i, stride: count });
      }
    });
  }, []);
  return { state, solve };
}
