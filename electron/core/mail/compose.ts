/**
 * The MIME message of one mail: text/plain in UTF-8 (nodemailer's MimeNode: base64 body, header words encoded by
 * nodemailer) or ISO-2022-JP (7bit body, subject and sender name as ISO-2022-JP encoded-words).
 */
import MimeNode from 'nodemailer/lib/mime-node';
import type { MailEncoding } from '../../../shared/mail/types';
import { encodeHeaderIso2022Jp, encodeIso2022Jp } from './iso-2022-jp';

export interface OutgoingMail {
  fromName: string;
  fromAddress: string;
  to: string;
  subject: string;
  body: string;
  messageId: string;
  date: Date;
  encoding: MailEncoding;
}

/** Lines end in CRLF on the wire; the body is stored with LF. */
const crlf = (s: string): string => s.replace(/\r?\n/gu, '\r\n');

const rfc2822Date = (d: Date): string => d.toUTCString().replace(/GMT$/u, '+0000');

/**
 * ISO-2022-JP is written by hand: nodemailer would re-encode the body as quoted-printable (it sees the escape
 * bytes) and has no ISO-2022-JP header words. Every byte of the result is 7-bit.
 */
function composeIso2022Jp(mail: OutgoingMail): Buffer {
  const fromName = mail.fromName.trim().replace(/["\\]/gu, '');
  const headers = [
    `From: ${fromName ? `${encodeHeaderIso2022Jp(fromName)} ` : ''}<${mail.fromAddress}>`,
    `To: ${mail.to}`,
    `Subject: ${encodeHeaderIso2022Jp(mail.subject)}`,
    `Message-ID: ${mail.messageId}`,
    `Date: ${rfc2822Date(mail.date)}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=ISO-2022-JP',
    'Content-Transfer-Encoding: 7bit',
  ];
  return Buffer.concat([Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'ascii'), encodeIso2022Jp(crlf(mail.body)).bytes, Buffer.from('\r\n', 'ascii')]);
}

export async function composeMail(mail: OutgoingMail): Promise<Buffer> {
  if (mail.encoding === 'iso2022jp') return composeIso2022Jp(mail);
  const node = new MimeNode('text/plain; charset=utf-8');
  const fromName = mail.fromName.trim();
  node.setHeader('From', fromName ? { name: fromName, address: mail.fromAddress } : mail.fromAddress);
  node.setHeader('To', mail.to);
  node.setHeader('Subject', mail.subject);
  node.setHeader('Message-ID', mail.messageId);
  node.setHeader('Date', rfc2822Date(mail.date));
  node.setHeader('MIME-Version', '1.0');
  node.setHeader('Content-Transfer-Encoding', 'base64');
  node.setContent(crlf(mail.body));
  return new Promise((resolve, reject) => node.build((err, message) => (err ? reject(err) : resolve(message))));
}
