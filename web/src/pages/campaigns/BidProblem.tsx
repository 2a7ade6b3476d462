// Why a bid was refused, in words: the lowest price in the reader's money format, and a
// rate limit as "too many bids" (not the fan path's "lots of people are buying").
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/ApiError";
import { FormatMoney } from "../../components/format";
import { ProblemNotice, useProblemMessage } from "../../components/ProblemNotice";

interface Props {
  error: unknown;
  minPrice: number;
  currency: string;
}

export function BidProblem({ error, minPrice, currency }: Props) {
  const { t } = useTranslation();
  const message = useProblemMessage();
  if (!(error instanceof ApiError)) return <ProblemNotice error={error} />;
  let text: string;
  if (error.code === "price_too_low") text = t("problems.price_too_low", { detail: FormatMoney(minPrice, currency) });
  else if (error.code === "rate_limited") text = t("bidding.rate_limited");
  else if (error.isRetryable) return <ProblemNotice error={error} />;
  else text = message(error);
  return <p className="notice error" role="alert" data-problem={error.code}>{text}</p>;
}
