#!/usr/bin/env bash
# Makes the small PDFs of Tests/Fixtures/pdf that the corpus has no example of, and the
# report they all hold (made-report.json). Run from the package root; the PDFs are committed,
# so the tests never need this script, LibreOffice or Python.
#
#   made-wrapped-labels.pdf   section 三 with narrow label columns: labels wrap over 2-4 lines
#   made-vertical-label.pdf   三、本年度办理结果 printed one character per line
#   made-across-pages.pdf     section 三 continued over a page break, running header, 第N页 footer
#   made-blank-block.pdf      法人或其他组织 blank in every row of 三 (made-report-blank-block.json)
#   made-image-only.pdf       one page holding only an image (a scan without OCR)
#   made-encrypted.pdf        the wrapped-labels report with an open password
#   made-copy-protected.pdf   the vertical-label report with a permissions password only
#   hostile-*.pdf             hand-written by Python: garbage after %PDF, truncated, 301 pages
#
# LibreOffice Writer converts HTML written here (Writer, not Writer/Web, so page headers and
# footers print); it is what many offices use besides WPS.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=Tests/Fixtures/pdf
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Writer itself (libswlo), not only the Calc that the workbook tests install.
if ! command -v soffice >/dev/null || [ ! -e /usr/lib/libreoffice/program/libswlo.so ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer fonts-wqy-microhei >/dev/null
fi

python3 Tests/Scripts/make_pdf_fixtures.py "$work" "$out"

convert() { # html-file [filter-options]
  local filter="pdf:writer_pdf_Export${2:+:$2}"
  soffice -env:UserInstallation=file://"$work"/profile --headless --infilter="HTML (StarWriter)" \
    --convert-to "$filter" --outdir "$work" "$1" >/dev/null 2>&1
}
for name in made-wrapped-labels made-vertical-label made-across-pages made-blank-block made-image-only; do
  convert "$work/$name.html"
  cp "$work/$name.pdf" "$out/$name.pdf"
done
cp "$work/made-wrapped-labels.html" "$work/made-encrypted.html"
convert "$work/made-encrypted.html" \
  '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"xxgk"}}'
cp "$work/made-encrypted.pdf" "$out/made-encrypted.pdf"
# Many offices publish with a permissions password only (no copying, no printing): no open
# password, so the text layer can be read.
cp "$work/made-vertical-label.html" "$work/made-copy-protected.html"
convert "$work/made-copy-protected.html" \
  '{"EncryptFile":{"type":"boolean","value":"false"},"RestrictPermissions":{"type":"boolean","value":"true"},"PermissionPassword":{"type":"string","value":"xxgk"},"EnableCopyingOfContent":{"type":"boolean","value":"false"},"Printing":{"type":"long","value":"0"}}'
cp "$work/made-copy-protected.pdf" "$out/made-copy-protected.pdf"
python3 Tests/Scripts/make_pdf_fixtures.py --hostile "$out"
ls -l "$out"
