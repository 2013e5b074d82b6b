function luhnSum(digits: string, doubleFirst: boolean): number {
  let sum = 0;
  let double = doubleFirst;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum;
}

export function luhnValid(digits: string): boolean {
  return /^\d+$/.test(digits) && luhnSum(digits, false) % 10 === 0;
}

/** The digit that makes `partial` + digit pass Luhn (for building test numbers and fixtures). */
export function luhnCheckDigit(partial: string): string {
  if (!/^\d*$/.test(partial)) throw new TypeError('luhnCheckDigit expects digits only');
  return String((10 - (luhnSum(partial, true) % 10)) % 10);
}
