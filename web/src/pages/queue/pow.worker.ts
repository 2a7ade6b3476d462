// Runs a share of the proof of work off the main thread, so the page stays responsive.
/// <reference lib="webworker" />
import { SolveProofOfWork } from "./proofOfWork";

self.onmessage = (event: MessageEvent<{ challenge: string; bits: number; first: number; stride: number }>) => {
  const { challenge, bits, first, stride } = event.data;
  SolveProofOfWork(challenge, bits, first, stride, (message) => self.postMessage(message));
};
