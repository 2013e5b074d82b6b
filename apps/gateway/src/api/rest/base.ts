/** Where every Mastercard REST resource lives. */
export const REST_BASE = '/api/rest/version/:version/merchant/:merchantId';
