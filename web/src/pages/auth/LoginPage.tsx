export function LoginPage() {
  return <section className="page"><h1>LoginPage</h1></section>;
}
