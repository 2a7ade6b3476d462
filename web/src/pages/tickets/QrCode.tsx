// A QR code drawn in the browser from the ticket's signed payload (the `qrcode` library).
import { useEffect, useState } from "react";
import QRCode from "qrcode";

export function QrCode({ payload, label }: { payload: string; label: string }) {
  const [dataUrl, setDataUrl] = useState<string>();
  useEffect(() => {
    let current = true;
    // Level M: enough redundancy for a scuffed phone screen, small enough for ~130 characters.
    QRCode.toDataURL(payload, { errorCorrectionLevel: "M", margin: 2, width: 240 })
      .then((url) => current && setDataUrl(url))
      .catch(() => current && setDataUrl(undefined));
    return () => {
      current = false;
    };
  }, [payload]);
  if (!dataUrl) return <div className="qr placeholder" aria-hidden="true" />;
  return <img className="qr" src={dataUrl} alt={label} width={240} height={240} data-qr-payload={payload} />;
}
