import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { AuthApi } from "../../api/auth";
import { ProblemNotice } from "../../components/ProblemNotice";
import { useSignIn } from "./useSignIn";

interface Form {
  name: string;
  email: string;
  password: string;
}

export function RegisterPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [form, setForm] = useState<Form>({ name: "", email: "", password: "" });
  const register = useSignIn(
    (a: Form) => AuthApi.Register(a.email, a.password, a.name),
    (a) => ({ email: a.email, name: a.name }),
  );
  const field = (key: keyof Form) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    register.mutate(form);
  };
  return (
    <section className="page">
      <h1>{t("auth.register_title")}</h1>
      <form className="form card" onSubmit={submit}>
        <label>
          <span>{t("auth.name")}</span>
          <input autoComplete="name" required {...field("name")} />
        </label>
        <label>
          <span>{t("auth.email")}</span>
          <input type="email" autoComplete="email" required {...field("email")} />
        </label>
        <label>
          <span>{t("auth.password")}</span>
          <input type="password" autoComplete="new-password" required minLength={8} aria-describedby="password-hint" {...field("password")} />
          <small id="password-hint" className="muted">{t("auth.password_hint")}</small>
        </label>
        {register.error && <ProblemNotice error={register.error} />}
        <button type="submit" disabled={register.isPending}>{register.isPending ? t("auth.signing_in") : t("auth.register")}</button>
      </form>
      <p>
        {t("auth.have_account")} <Link to={`/login?${params.toString()}`}>{t("nav.login")}</Link>
      </p>
    </section>
  );
}
