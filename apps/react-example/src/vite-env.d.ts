/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_NINETAILED_URL?: string;
  readonly VITE_NINETAILED_CLIENT_ID?: string;
  readonly VITE_NINETAILED_ENVIRONMENT?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
