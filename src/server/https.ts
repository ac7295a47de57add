import { X509Certificate, createPrivateKey } from "node:crypto";
import fs from "node:fs";
import * as certificateFiles from "office-addin-dev-certs/lib/defaults";
import { generateCertificates } from "office-addin-dev-certs/lib/generate";

export interface Certificate {
  key: Buffer;
  cert: Buffer;
  certPath: string;
  caPath: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function usable(certPath: string, keyPath: string): boolean {
  try {
    const cert = new X509Certificate(fs.readFileSync(certPath));
    const key = createPrivateKey(fs.readFileSync(keyPath));
    return cert.checkPrivateKey(key) && new Date(cert.validTo).getTime() > Date.now() + DAY_MS;
  } catch {
    return false;
  }
}

/**
 * The localhost certificate of office-addin-dev-certs (~/.office-addin-dev-certs), generated when it is
 * missing or about to expire. Its CA is not installed here: installing needs administrator rights
 * (`npx office-addin-dev-certs install`), and serving https does not.
 */
export async function devCertificate(): Promise<Certificate> {
  const { caCertificatePath, localhostCertificatePath, localhostKeyPath } = certificateFiles;
  if (!usable(localhostCertificatePath, localhostKeyPath)) {
    // The generator writes nothing while an old CA file exists: new CA, certificate and key together.
    for (const file of [caCertificatePath, localhostCertificatePath, localhostKeyPath])
      fs.rmSync(file, { force: true });
    await generateCertificates();
  }
  return {
    key: fs.readFileSync(localhostKeyPath),
    cert: fs.readFileSync(localhostCertificatePath),
    certPath: localhostCertificatePath,
    caPath: caCertificatePath,
  };
}
