// Labelled inputs for the organizer's forms (the label wraps its input: tests and screen readers
// find each by its name).
interface FieldProps<T> {
  label: string;
  value: T;
  onChange: (value: T) => void;
  required?: boolean;
}

export function TextField({ label, value, onChange, required, type = "text" }: FieldProps<string> & { type?: string }) {
  return (
    <label>
      <span>{label}</span>
      <input type={type} value={value} required={required} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

export function NumberField({ label, value, onChange, min, max, step }: FieldProps<number> & { min?: number; max?: number; step?: string }) {
  return (
    <label>
      <span>{label}</span>
      <input type="number" value={value} min={min} max={max} step={step} required onChange={(e) => onChange(Number(e.target.value))} />
    </label>
  );
}
