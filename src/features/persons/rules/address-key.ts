import { normaliseAddress } from '../domain/normalise';

/**
 * The dwelling an address names, for "others at the same address": its first part (up to a
 * comma or line break: "12 Elm Road" of "12 Elm Road, Littletown"), normalised. With the same
 * postcode that is one house; a flat keeps its building ("Flat 2, 12 Elm Road").
 */
export function addressKey(address: string | null): string | null {
  if (!address) return null;
  const parts = address.split(/[,\n]/);
  // "Flat 2, 12 Elm Road": the flat and its building
  const first = /^\s*(flat|apartment|apt|unit|room)\b/i.test(parts[0]) && parts.length > 1 ? `${parts[0]} ${parts[1]}` : parts[0];
  return normaliseAddress(first) || null;
}
