import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { AuthApi } from "../../api/auth";
import { ProblemNotice } from "../../components/ProblemNotice";
import { useSignIn } from "./useSignIn";

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const login = useSignIn(
    (a: { email: string; password: string }) => AuthApi.Login(a.email, a.password),
    (a) => ({ email: a.email }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ email, password });
  };
  return (
    <section className="page">
      <h1>{t("auth.login_title")}</h1>
      <form className="form card" onSubmit={submit}>
        <label>
          <span>{t("auth.email")}</span>
          <input type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          <span>{t("auth.password")}</span>
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {login.error && <ProblemNotice error={login.error} />}
        <button type="submit" disabled={login.isPending}>{login.isPending ? t("auth.signing_in") : t("auth.login")}</button>
      </form>
      <p>
        {t("auth.no_account")} <Link to={`/register?${params.toString()}`}>{t("nav.register")}</Link>
      </p>
    </section>
  );
}
