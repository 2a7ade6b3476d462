// Checks a settled campaign's published final ranking against its hash, as anyone may
// (docs/bidding.md "The final ranking and its hash"): SHA-256 of every rank's line + "\n".
import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex } from "@noble/hashes/utils";
import { Api } from "../../api/client";

interface FinalPage {
  sha256: string;
  ranking: { line: string }[];
  next_after: number | null;
}

const kPageSize = 1000;

export async function FinalRankingMatches(campaignId: number): Promise<{ matches: boolean; ranks: number }> {
  const hash = sha256.create();
  const encoder = new TextEncoder();
  let published = "";
  let ranks = 0;
  for (let after: number | null = 0; after !== null; ) {
    const page: FinalPage = await Api<FinalPage>(`/rankings/${campaignId}/final?after=${after}&limit=${kPageSize}`);
    published = page.sha256;
    for (const entry of page.ranking) hash.update(encoder.encode(entry.line + "\n"));
    ranks += page.ranking.length;
    after = page.next_after;
  }
  return { matches: bytesToHex(hash.digest()) === published, ranks };
}

// The hash of the given lines, as the server forms it (exported for the unit test).
export function HashOfLines(lines: string[]): string {
  return bytesToHex(sha256(new TextEncoder().encode(lines.map((l) => l + "\n").join(""))));
}
