// The phone's camera as a QR reader. qr-scanner (nimiq) is imported only when the camera starts:
// it and its decoding worker never load for a gate that types codes, nor on the fan pages.
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type QrScanner from "qr-scanner";

export function CameraScanner({ onCode }: { onCode: (payload: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const scanner = useRef<QrScanner>();
  const latestOnCode = useRef(onCode);
  latestOnCode.current = onCode;
  const [state, setState] = useState<"off" | "starting" | "on" | "unavailable">("off");

  useEffect(() => () => scanner.current?.destroy(), []);

  const start = async () => {
    setState("starting");
    try {
      const { default: Scanner } = await import("qr-scanner");
      scanner.current ??= new Scanner(video.current!, (result) => latestOnCode.current(result.data), {
        returnDetailedScanResult: true,
        highlightScanRegion: true,
        preferredCamera: "environment", // the back camera, pointed at the fan's phone
      });
      await scanner.current.start();
      setState("on");
    } catch {
      // No camera, or permission refused: the typed code still works.
      setState("unavailable");
    }
  };
  const stop = () => {
    scanner.current?.stop();
    setState("off");
  };

  return (
    <div className="camera">
      <video ref={video} className="scan-video" hidden={state !== "on" && state !== "starting"} muted playsInline />
      {state === "unavailable" && <p className="notice error" role="alert">{t("scan.camera_unavailable")}</p>}
      <p>
        {state === "on"
          ? <button type="button" className="secondary" onClick={stop}>{t("scan.camera_stop")}</button>
          : <button type="button" onClick={() => void start()} disabled={state === "starting"}>{t("scan.camera_start")}</button>}
      </p>
    </div>
  );
}
