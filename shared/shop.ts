/** The shop's profile (設定 → ショップ情報), kept as `settings.shop`: what mails and documents print as the sender. */
import { z } from 'zod';

export const ShopProfileSchema = z.object({ name: z.string(), zip: z.string(), address: z.string(), tel: z.string(), email: z.string(), invoiceNumber: z.string().optional() });
export type ShopProfile = z.infer<typeof ShopProfileSchema>;
