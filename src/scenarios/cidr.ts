/** IPv4 CIDR blocks as kubeadm's --service-cidr and --pod-network-cidr take them. */

export interface Cidr {
  /** The address as a 32-bit unsigned integer. */
  address: number
  prefix: number
}

const cidrPattern = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/

export function parseCidr(text: string): Cidr | null {
  const match = cidrPattern.exec(text)
  if (!match) return null
  const octets = match.slice(1, 5).map(Number)
  const prefix = Number(match[5])
  // Leading zeros are ambiguous (octal in some parsers); Go's net.ParseCIDR rejects them too.
  const leadingZero = match.slice(1, 5).some((o) => o.length > 1 && o.startsWith('0'))
  if (leadingZero || octets.some((o) => o > 255) || prefix > 32) return null
  const address = octets.reduce((acc, o) => acc * 256 + o, 0)
  return { address, prefix }
}
