export { fromBase64url, toBase64url } from './encoding/base64url.js';
