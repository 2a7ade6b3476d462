// The end: settling for a moment, then my result (won or not, final rank), the final ranking to
// check with its SHA-256, and a winner's order with the way to pay it.
import { useTranslation } from "react-i18next";
import type { Campaign, MyStanding } from "../../api/bidding";
import type { CampaignEnded } from "./campaignFrames";
import { VerifyRanking } from "./VerifyRanking";
import { WonOrder } from "./WonOrder";

interface Props {
  campaign: Campaign;
  settled: boolean;
  // The socket's word, if it was open at the settlement; else my standing, read afterwards.
  ended: CampaignEnded | undefined;
  standing: MyStanding | null;
  signedIn: boolean;
}

export function CampaignResult({ campaign, settled, ended, standing, signedIn }: Props) {
  const { t } = useTranslation();
  if (!settled) {
    return <section className="card result" role="status"><p>{t("bidding.settling")}</p></section>;
  }
  const won = ended?.is_winner ?? standing?.is_winning ?? false;
  const rank = ended?.final_rank ?? standing?.rank;
  return (
    <section className={`card result${won ? " won" : ""}`} aria-labelledby="result-title" data-result={won ? "won" : "lost"}>
      <h2 id="result-title">{t("bidding.result_title")}</h2>
      {signedIn && (
        <p className="result-line" role="status">
          {rank === undefined || rank === null ? t("bidding.did_not_bid") : t(won ? "bidding.won" : "bidding.lost", { rank })}
        </p>
      )}
      {signedIn && won && <WonOrder campaignId={campaign.campaign_id} />}
      <VerifyRanking campaign={campaign} />
    </section>
  );
}
