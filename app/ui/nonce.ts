import { createContext, useContext } from "react";

/** The per-request CSP nonce, for the few inline scripts Remix renders. */
export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);
