// The shared end of login and sign-up: keep the tokens, go back where the user came from.
import { useMutation } from "@tanstack/react-query";
import { useNavigate, useSearchParams } from "react-router-dom";
import { session, type TokenAnswer } from "../../auth/session";

export function useSignIn<Args>(call: (args: Args) => Promise<TokenAnswer>, profile: (args: Args) => { email: string; name?: string }) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return useMutation({
    mutationFn: call,
    onSuccess: (answer, args) => {
      session.SignIn(answer, profile(args));
      const next = params.get("next");
      // Only paths of this site: a crafted ?next= must not send the user elsewhere.
      navigate(next && next.startsWith("/") && !next.startsWith("//") ? next : "/", { replace: true });
    },
  });
}
