import { escapeHtml } from '../../threeds/content.ts';

/**
 * Mastercard's `authentication.redirect`: the snippet a checkout page inserts (`html`, whose script submits
 * the form) and its parts for pages that build their own (`customizedHtml`). The form posts the EMV 3DS
 * message (ids only, never card data) to the issuer's page in a frame of the snippet.
 */
export interface RedirectBody {
  html: string;
  customizedHtml: {
    '3ds2': { methodUrl: string; methodPostData: string } | { acsUrl: string; cReq: string };
  };
}

/** The issuer's 3DS Method, in a hidden frame: it reads the device and reports to the gateway by itself. */
export function methodRedirect(methodUrl: string, threeDSMethodData: string): RedirectBody {
  const html =
    `<div id="initiate3dsSimpleRedirect" xmlns="http://www.w3.org/1999/html">` +
    `<iframe id="methodFrame" name="methodFrame" title="Device check" hidden></iframe>` +
    `<form id="initiate3dsSimpleRedirectForm" method="POST" action="${escapeHtml(methodUrl)}" target="methodFrame">` +
    `<input type="hidden" name="threeDSMethodData" value="${escapeHtml(threeDSMethodData)}" /></form>` +
    submitScript('initiate-authentication-script', 'initiate3dsSimpleRedirectForm') +
    `</div>`;
  return { html, customizedHtml: { '3ds2': { methodUrl, methodPostData: threeDSMethodData } } };
}

/** The issuer's challenge screen, in a frame the page shows where it inserted the snippet. */
export function challengeRedirect(acsUrl: string, creq: string): RedirectBody {
  const html =
    `<div id="threedsChallengeRedirect" xmlns="http://www.w3.org/1999/html">` +
    `<form id="threedsChallengeRedirectForm" method="POST" action="${escapeHtml(acsUrl)}" target="challengeFrame">` +
    `<input type="hidden" name="creq" value="${escapeHtml(creq)}" /></form>` +
    `<iframe id="challengeFrame" name="challengeFrame" title="Confirm your payment with your bank" width="100%" height="100%"></iframe>` +
    submitScript('authenticate-payer-script', 'threedsChallengeRedirectForm') +
    `</div>`;
  return { html, customizedHtml: { '3ds2': { acsUrl, cReq: creq } } };
}

function submitScript(id: string, formId: string): string {
  return (
    `<script id="${id}">var e=document.getElementById("${formId}");` +
    `if(e){e.submit();if(e.parentNode!==null){e.parentNode.removeChild(e);}}</script>`
  );
}
