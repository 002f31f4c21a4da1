/** "910 753 614", as organisation numbers are printed in Brønnøysundregistrene. */
export function groupOrgNumber(orgNo: string): string {
  return /^\d{9}$/.test(orgNo) ? `${orgNo.slice(0, 3)} ${orgNo.slice(3, 6)} ${orgNo.slice(6)}` : orgNo;
}

/** "010190 12345": birth date and personal number, as printed on Norwegian documents. */
export function groupNationalId(id: string): string {
  return /^\d{11}$/.test(id) ? `${id.slice(0, 6)} ${id.slice(6)}` : id;
}
