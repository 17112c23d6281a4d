import { createHash, randomBytes } from 'node:crypto';
import type { Language } from '../complaint/channel';

/** 32 random bytes in base64url: what a survey link carries. */
export const SURVEY_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const SURVEY_SCORE_MIN = 1;
export const SURVEY_SCORE_MAX = 5;

/** A fresh survey token. Only its hash is stored, so a database leak hands out no survey links. */
export function newSurveyToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSurveyToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function surveyQuestion(language: Language, reference: string): string {
  return language === 'zh'
    ? `您对我们处理您的投诉（编号：${reference}）的方式满意吗？请打分：1 分表示非常不满意，5 分表示非常满意。`
    : `How satisfied are you with the way we handled your complaint (reference ${reference})? ` +
        'Please give a score from 1 (very dissatisfied) to 5 (very satisfied).';
}
