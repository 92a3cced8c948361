package egovframework.msa.sample.catalogs.domain;

/**
 * How personal data is shown to someone not entitled to see it, as Korean public services commonly
 * mask it: 홍*동, gi*****@example.go.kr, 010-****-5678. Enough remains for the owner to recognise it.
 */
final class PersonalDataMask {

    private static final String STAR = "*";

    private PersonalDataMask() {
    }

    /** First and last character kept (홍길동 → 홍*동); a two-character name keeps its first (이순 → 이*). */
    static String name(String name) {
        if (name == null) {
            return null;
        }
        int[] chars = name.codePoints().toArray();
        if (chars.length <= 1) {
            return STAR;
        }
        if (chars.length == 2) {
            return new String(chars, 0, 1) + STAR;
        }
        return new String(chars, 0, 1) + STAR.repeat(chars.length - 2) + new String(chars, chars.length - 1, 1);
    }

    /** The first two characters of the local part kept, the domain shown (gi*****@example.go.kr). */
    static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        String local = at < 0 ? email : email.substring(0, at);
        String domain = at < 0 ? "" : email.substring(at);
        int[] chars = local.codePoints().toArray();
        int keep = Math.min(2, Math.max(chars.length - 1, 0));
        return new String(chars, 0, keep) + STAR.repeat(chars.length - keep) + domain;
    }

    /** The middle group(s) hidden (010-****-5678); without dashes all digits but the first 3 and last 4. */
    static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String[] groups = phone.split("-", -1);
        if (groups.length >= 3) {
            StringBuilder masked = new StringBuilder(groups[0]);
            for (int i = 1; i < groups.length - 1; i++) {
                masked.append('-').append(STAR.repeat(groups[i].length()));
            }
            return masked.append('-').append(groups[groups.length - 1]).toString();
        }
        int length = phone.length();
        if (length <= 4) {
            return STAR.repeat(length);
        }
        int head = length > 7 ? 3 : 0;
        return phone.substring(0, head) + STAR.repeat(length - 4 - head) + phone.substring(length - 4);
    }
}
