// Where the bid goes: the form while bidding is open, otherwise why it is not (not yet, closed,
// or log in first).
import { Link, useLocation } from "react-router-dom";
import { useTranslation } from "react-i18next";
import type { Campaign, CampaignStatus, Ranking } from "../../api/bidding";
import { BidForm } from "./BidForm";

interface Props {
  campaign: Campaign;
  status: CampaignStatus;
  signedIn: boolean;
  memberWeight: number;
  board: Ranking | undefined;
  serverAheadMs: number;
  onPlaced: () => void;
}

export function BidPanel({ campaign, status, signedIn, memberWeight, board, serverAheadMs, onPlaced }: Props) {
  const { t } = useTranslation();
  const location = useLocation();
  if (status === "ended" || status === "settled") return <p className="card">{t("bidding.closed")}</p>;
  if (!signedIn) {
    const next = encodeURIComponent(location.pathname);
    return <p className="card"><Link className="button" to={`/login?next=${next}`}>{t("bidding.sign_in_to_bid")}</Link></p>;
  }
  if (status === "scheduled") return <p className="card">{t("bidding.not_open_yet")}</p>;
  return <BidForm campaign={campaign} memberWeight={memberWeight} board={board} serverAheadMs={serverAheadMs} onPlaced={onPlaced} />;
}
